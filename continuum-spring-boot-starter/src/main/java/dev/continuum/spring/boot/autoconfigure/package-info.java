/**
 * Spring Boot auto-configuration of Continuum: {@link dev.continuum.spring.boot.autoconfigure.ContinuumAutoConfiguration}
 * (the {@code continuum.*} properties, who made a change, the {@code VersionHistory} bean, the Jackson module),
 * the actuator endpoint's, and the failure analysis of start-up errors.
 */
package dev.continuum.spring.boot.autoconfigure;
