package io.conmonj.runtime;

import java.util.ArrayList;
import java.util.List;

import io.conmonj.cli.ConmonOptions;
import io.conmonj.cli.Settings;

/** The OCI runtime's argv for create, restore and exec, in conmon's exact order (docs/behaviour.md §5.1). */
public final class RuntimeCommand {
    private RuntimeCommand() {
    }

    /** consoleSocket is null unless the container has a terminal. */
    public static List<String> argv(Settings settings, String consoleSocket) {
        ConmonOptions o = settings.options();
        List<String> argv = new ArrayList<>();
        argv.add(o.runtime());
        if (o.exec()) {
            argv.addAll(o.runtimeArgs());
            argv.add("exec");
            argv.add("--pid-file");
            argv.add(settings.containerPidfile());
            argv.add("--process");
            argv.add(o.execProcessSpec());
            argv.add("--detach");
        } else {
            if (o.systemdCgroup()) {
                argv.add("--systemd-cgroup");
            }
            argv.addAll(o.runtimeArgs());
            argv.add(o.restore() != null ? "restore" : "create");
            argv.add("--bundle");
            argv.add(settings.bundle());
            argv.add("--pid-file");
            argv.add(settings.containerPidfile());
            if (o.noPivot()) {
                argv.add("--no-pivot");
            }
            if (o.noNewKeyring()) {
                argv.add("--no-new-keyring");
            }
            if (o.restore() != null) {
                argv.add("--detach");
                argv.add("--image-path");
                argv.add(o.restore());
                argv.add("--work-path");
                argv.add(settings.bundle());
            }
        }
        argv.addAll(o.runtimeOpts());
        if (consoleSocket != null) {
            argv.add("--console-socket");
            argv.add(consoleSocket);
        }
        argv.add(o.cid());
        return argv;
    }
}
