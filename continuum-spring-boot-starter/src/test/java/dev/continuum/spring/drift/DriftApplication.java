package dev.continuum.spring.drift;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application whose database lacks its version table: its start-up fails on Continuum's schema check. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DriftApplication {
}
