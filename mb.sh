#!/bin/bash
ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null /work/main/.venv/bin/python /tmp/ext2/mb.py "$@" 2>&1 | grep -o 'Collected : [0-9]*' | grep -o '[0-9]*'; }
a=$(ir 0 None); b=$(ir 100 None); base=$(( (b-a)/100 ))
for e in "$@"; do a=$(ir 0 "$e"); b=$(ir 100 "$e"); echo "$(( (b-a)/100 - base )) : $e"; done
