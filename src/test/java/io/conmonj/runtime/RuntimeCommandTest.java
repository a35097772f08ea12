package io.conmonj.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.conmonj.cli.GOptionParser;
import io.conmonj.cli.Settings;
import io.conmonj.cli.Validator;

class RuntimeCommandTest {
    private static Settings settings(String... argv) throws Exception {
        return Validator.validate(GOptionParser.parse(List.of(argv)).options(), "/cwd", path -> 0);
    }

    @Test
    void createArgvOrder() throws Exception {
        Settings s = settings("-c", "ctr", "-u", "u", "-r", "/bin/sh", "-b", "/b", "-l", "none", "-s",
                "--runtime-arg", "--root=/run/runc", "--no-pivot", "--no-new-keyring", "--runtime-opt", "--preserve-fds",
                "--runtime-opt", "2");
        assertEquals(List.of("/bin/sh", "--systemd-cgroup", "--root=/run/runc", "create", "--bundle", "/b",
                "--pid-file", "/cwd/pidfile-ctr", "--no-pivot", "--no-new-keyring", "--preserve-fds", "2", "ctr"),
                RuntimeCommand.argv(s, null));
        assertEquals(List.of("/bin/sh", "--systemd-cgroup", "--root=/run/runc", "create", "--bundle", "/b",
                "--pid-file", "/cwd/pidfile-ctr", "--no-pivot", "--no-new-keyring", "--preserve-fds", "2",
                "--console-socket", "/tmp/sock", "ctr"), RuntimeCommand.argv(s, "/tmp/sock"));
    }

    @Test
    void restoreAndExecArgv() throws Exception {
        Settings restore = settings("-c", "ctr", "-u", "u", "-r", "/bin/sh", "-l", "none", "-p", "/p",
                "--restore", "/ckpt", "--runtime-opt", "--tcp-established");
        assertEquals(List.of("/bin/sh", "restore", "--bundle", "/cwd", "--pid-file", "/p", "--detach",
                "--image-path", "/ckpt", "--work-path", "/cwd", "--tcp-established", "ctr"),
                RuntimeCommand.argv(restore, null));
        Settings exec = settings("-c", "ctr", "-r", "/bin/sh", "-l", "none", "-p", "/p", "-e", "-s", "--no-pivot",
                "--exec-process-spec", "/spec", "--runtime-arg", "--root=/r");
        assertEquals(List.of("/bin/sh", "--root=/r", "exec", "--pid-file", "/p", "--process", "/spec", "--detach", "ctr"),
                RuntimeCommand.argv(exec, null));
    }
}
