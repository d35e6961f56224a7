package dev.continuum.hibernate.internal.read;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The JDK proxies behind the read path's lazy values ({@link LazyCollection}, {@link LazyVersion}):
 * interfaces whose every call goes to a target read on first use. Proxies rather than classes that
 * forward each method by hand: the five collection interfaces and {@code Version} have well over a
 * hundred methods between them, default methods included, all of which must reach the target.
 */
final class Forwarding {

    private Forwarding() {
    }

    /** A proxy of {@code interfaces}, defined by the class loader of {@code loaderOf}, calling {@code handler}. */
    static Object proxy(Class<?> loaderOf, Class<?>[] interfaces, InvocationHandler handler) {
        return Proxy.newProxyInstance(loaderOf.getClassLoader(), interfaces, handler);
    }

    /** Calls {@code method} on {@code target}, throwing what it throws. */
    static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
