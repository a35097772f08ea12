package io.conmonj.it;

/**
 * The container lifecycle (create, sync pipe, exit files, signals, pid files), against the native executable:
 * {@link LifecycleIT}'s tests, the executable under test being target/conmonj as built by
 * {@code mvn verify -Dnative} (native.image.path, see Bundles.LAUNCHER).
 */
class ContainerLifecycleNativeIT extends LifecycleIT {
}
