/** Wire protocol of the UDP game channel. */
package dev.skirmish.protocol;
