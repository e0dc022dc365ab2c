/**
 * The Agones launcher. Exposed as a named interface of the {@code launch} module because the {@code security} module
 * builds the fleet-credential chain from its settings and credential check ({@link AgonesProperties},
 * {@link FleetCredentials}); nothing else outside {@code launch} may use it.
 */
@org.springframework.modulith.NamedInterface("agones")
package dev.skirmish.orchestrator.launch.agones;
