package io.conmonj.it;

/**
 * The k8s-file log, against the native executable: {@link K8sFileLogIT}'s tests unchanged, the executable under test being
 * target/conmonj as built by {@code mvn verify -Dnative} (native.image.path, see Bundles.LAUNCHER).
 */
class K8sFileLogNativeIT extends K8sFileLogIT {
}
