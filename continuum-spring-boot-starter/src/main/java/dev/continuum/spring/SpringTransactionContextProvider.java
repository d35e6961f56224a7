package dev.continuum.spring;

import dev.continuum.spi.TransactionContextProvider;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Optional;

/**
 * Who made a change, as a Spring application knows it: the name of the authenticated Spring
 * Security principal, and the client address of the web request being served. Each part is
 * empty when its library is not on the class path, outside a request, or for an anonymous user.
 *
 * <p>Asked once per versioned transaction, on the thread that commits it, which in a Spring MVC
 * application is the request's thread. Behind a proxy, set {@code server.forward-headers-strategy}
 * so that the request's address is the client's. The starter installs this provider unless the
 * application defines a {@link TransactionContextProvider} bean of its own; such a bean can reuse
 * {@link #authenticatedUser()} and {@link #requestAddress()} for the part it keeps.
 */
public final class SpringTransactionContextProvider implements TransactionContextProvider {

    private static final ClassLoader LOADER = SpringTransactionContextProvider.class.getClassLoader();
    private static final boolean SECURITY = ClassUtils.isPresent(
            "org.springframework.security.core.context.SecurityContextHolder", LOADER);
    private static final boolean SERVLET_WEB = ClassUtils.isPresent(
            "org.springframework.web.context.request.ServletRequestAttributes", LOADER)
            && ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest", LOADER);

    /** Creates the provider; it keeps no state. */
    public SpringTransactionContextProvider() {
    }

    /**
     * The name of the authenticated principal of the current thread.
     *
     * @return the name, or empty without Spring Security, without authentication, or for an
     *         anonymous one
     */
    @Override
    public Optional<String> userId() {
        return authenticatedUser();
    }

    /**
     * The client address of the web request the current thread serves.
     *
     * @return the address, or empty outside a servlet request
     */
    @Override
    public Optional<String> remoteAddress() {
        return requestAddress();
    }

    /**
     * The name of the principal authenticated on the current thread, from Spring Security's
     * {@code SecurityContextHolder}.
     *
     * @return the name, or empty when Spring Security is not on the class path, nobody is
     *         authenticated, or the authentication is anonymous
     */
    public static Optional<String> authenticatedUser() {
        return SECURITY ? Security.userName() : Optional.empty();
    }

    /**
     * The client address of the servlet request bound to the current thread by Spring MVC
     * ({@code RequestContextHolder}).
     *
     * @return the address, or empty outside a servlet request
     */
    public static Optional<String> requestAddress() {
        return SERVLET_WEB ? ServletWeb.remoteAddress() : Optional.empty();
    }

    /** Loaded only when Spring Security is present. */
    private static final class Security {

        static Optional<String> userName() {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || !authentication.isAuthenticated()
                    || authentication instanceof AnonymousAuthenticationToken) {
                return Optional.empty();
            }
            return Optional.ofNullable(authentication.getName());
        }
    }

    /** Loaded only when Spring's servlet web support is present. */
    private static final class ServletWeb {

        static Optional<String> remoteAddress() {
            RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
            if (attributes instanceof ServletRequestAttributes servlet) {
                return Optional.ofNullable(servlet.getRequest().getRemoteAddr());
            }
            return Optional.empty();
        }
    }
}
