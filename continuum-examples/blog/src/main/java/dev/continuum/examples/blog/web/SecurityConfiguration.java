package dev.continuum.examples.blog.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Form sign-in with the demo writers, so that the history records who made each change (the
 * starter takes the Spring Security user; no code of ours passes it on).
 */
@Configuration
public class SecurityConfiguration {

    /** The demo users: name, password and the author they write as. */
    public static final String[][] USERS = {
        {"alice", "alice", "Alice Archer"},
        {"bob", "bob", "Bob Baker"},
        {"carol", "carol", "Carol Chen"},
    };

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/blog.css", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(login -> login.loginPage("/login").defaultSuccessUrl("/posts", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?signedOut").permitAll())
                .build();
    }

    @Bean
    UserDetailsService users() {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (String[] user : USERS) {
            users.createUser(User.withUsername(user[0]).password("{noop}" + user[1]).roles("WRITER").build());
        }
        return users;
    }
}
