package dev.continuum.hibernate.internal.read;

import dev.continuum.binding.VersionBinding;

import org.hibernate.event.spi.PostLoadEvent;
import org.hibernate.event.spi.PostLoadEventListener;

/**
 * Binds every instance of a generated typed version class that Hibernate loads (query, find,
 * refresh) to the session that loaded it, so that its {@code Version<T>} methods can read the
 * version's transaction, neighbours and changeset, on first use. Other entities pass untouched.
 */
public final class VersionClassBinder implements PostLoadEventListener {

    @Override
    public void onPostLoad(PostLoadEvent event) {
        if (event.getEntity() instanceof VersionBinding.Bindable bindable) {
            bindable.continuumBind(new SessionVersionBinding(event.getSession()));
        }
    }
}
