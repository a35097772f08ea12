package io.conmonj.sidecar;

/** An HTTP endpoint a monitor started; its socket file goes at the monitor's exit. */
public interface RunningEndpoint {
    /** Removes the socket file. */
    void remove();
}
