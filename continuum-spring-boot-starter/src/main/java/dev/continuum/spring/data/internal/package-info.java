/** The implementation of the repository fragment; may change in any release. */
package dev.continuum.spring.data.internal;
