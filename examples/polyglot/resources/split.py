#!/usr/bin/env python3
"""A sentence splitter bolt in plain Python (no libraries), speaking Storm's multilang protocol over stdin/stdout.

It shows that a stp topology can mix components in any language: Storm (and `stp run`) start it as exactly
`python3 split.py` in the resources directory.
"""
import json
import os
import sys


def read_message():
    lines = []
    while True:
        line = sys.stdin.readline()
        if not line:
            sys.exit(0)  # Storm went away
        line = line.rstrip("\n")
        if line == "end":
            return json.loads("\n".join(lines))
        lines.append(line)


def send(message):
    sys.stdout.write(json.dumps(message) + "\nend\n")
    sys.stdout.flush()


def main():
    handshake = read_message()
    pid = os.getpid()
    open(os.path.join(handshake["pidDir"], str(pid)), "w").close()
    send({"pid": pid})
    send({"command": "log", "msg": "split.py ready in task %s" % handshake["context"]["taskid"], "level": 2})
    while True:
        message = read_message()
        if isinstance(message, list):
            continue  # task ids: we never ask for them
        if message.get("stream") == "__heartbeat":
            send({"command": "sync"})
            continue
        if message.get("stream") == "__tick":
            send({"command": "ack", "id": message["id"]})
            continue
        for word in str(message["tuple"][0]).split():
            send({"command": "emit", "tuple": [word.lower()], "anchors": [message["id"]], "need_task_ids": False})
        send({"command": "ack", "id": message["id"]})


if __name__ == "__main__":
    main()
