package dev.continuum.spring;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/** Who made a change, as the starter's default provider reads it from the current thread. */
@Tag("database-independent")
class SpringTransactionContextProviderTest {

    final SpringTransactionContextProvider provider = new SpringTransactionContextProvider();

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void theUserIsTheAuthenticatedPrincipalsName() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "alice", "n/a", AuthorityUtils.createAuthorityList("ROLE_EDITOR")));

        assertThat(provider.userId()).contains("alice");
    }

    @Test
    void anAnonymousUserIsNoUser() {
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken(
                "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));

        assertThat(provider.userId()).isEmpty();
    }

    @Test
    void anUnauthenticatedTokenIsNoUser() {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.unauthenticated("alice", "wrong"));

        assertThat(provider.userId()).isEmpty();
    }

    @Test
    void theAddressIsTheRequestsClientAddress() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("203.0.113.7");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        assertThat(provider.remoteAddress()).contains("203.0.113.7");
    }

    @Test
    void outsideARequestThereIsNoAddress() {
        assertThat(provider.remoteAddress()).isEmpty();
    }
}
