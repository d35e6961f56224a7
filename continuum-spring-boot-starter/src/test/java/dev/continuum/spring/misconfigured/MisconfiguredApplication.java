package dev.continuum.spring.misconfigured;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application with a misconfigured versioned entity: its start-up fails on Continuum's configuration check. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MisconfiguredApplication {
}
