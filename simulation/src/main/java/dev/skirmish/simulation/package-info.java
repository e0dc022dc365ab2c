/** The arena game as a deterministic pure step. */
package dev.skirmish.simulation;
