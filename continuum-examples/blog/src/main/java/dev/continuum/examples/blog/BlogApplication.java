package dev.continuum.examples.blog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The example blog: posts with their tags and comments, whose whole history Continuum records.
 * Starts on embedded H2 with demo users and posts; with the {@code postgresql} profile, on
 * PostgreSQL. See {@code docs/example-app.md}.
 */
@SpringBootApplication
public class BlogApplication {

    /**
     * Starts the application on port 8080 (or {@code server.port}).
     *
     * @param args Spring Boot's arguments, for example {@code --spring.profiles.active=postgresql}
     */
    public static void main(String[] args) {
        SpringApplication.run(BlogApplication.class, args);
    }
}
