#!/bin/sh
# A stand-in OCI runtime for training the monitor's class-data archive at build time, without runc:
# "create" starts a process that writes a line to stdout and stderr and lives for 3 s (long enough for
# the monitor's application boot, whose classes the archive should hold too), and writes its pid to
# --pid-file, like runc create; the process is reaped by the monitor as a container would be.
pidfile=
while [ $# -gt 0 ]; do
    case $1 in --pid-file) pidfile=$2; shift ;; esac
    shift
done
sh -c 'sleep 0.3; echo out; echo err >&2; sleep 3' &
echo $! > "$pidfile"
