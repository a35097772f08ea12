#!/bin/sh
# A stand-in OCI runtime for training the monitor's ahead-of-time cache at build time, without runc:
# "create" starts a process that answers a line of its input on stdout (and a line on stderr), and
# writes its pid to --pid-file, like runc create; the process is reaped by the monitor as a container
# would be. build-launcher.sh's TrainingClient sends the line through the attach socket.
pidfile=
while [ $# -gt 0 ]; do
    case $1 in --pid-file) pidfile=$2; shift ;; esac
    shift
done
# (stdin passed through fd 3: an asynchronous list's fd 0 is /dev/null before its redirections)
exec 3<&0
sh -c 'read -r line; echo "$line"; echo err >&2' <&3 3<&- &
echo $! > "$pidfile"
