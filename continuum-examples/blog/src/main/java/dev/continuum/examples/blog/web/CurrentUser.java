package dev.continuum.examples.blog.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The signed-in user's name, for the header of every page. */
@ControllerAdvice
public class CurrentUser {

    /** The name of the signed-in user, or null on the sign-in page. */
    @ModelAttribute("username")
    public String username() {
        return name();
    }

    /** The name of the signed-in user, or null when none is. */
    static String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated()
                || "anonymousUser".equals(authentication.getName()) ? null : authentication.getName();
    }
}
