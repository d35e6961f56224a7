/** The {@code continuum} actuator endpoint: {@link dev.continuum.spring.boot.actuate.ContinuumEndpoint}. */
package dev.continuum.spring.boot.actuate;
