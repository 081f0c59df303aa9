// Stub (compile-time only, never shipped): the two methods of Storm's TopologyContext the handshake needs. The
// constructor exists for the test driver; the real class is built by the worker.
package org.apache.storm.task;

public class TopologyContext {
    private final String pidDir;
    private final String json;

    public TopologyContext(String pidDir, String json) {
        this.pidDir = pidDir;
        this.json = json;
    }

    public String getPIDDir() { return pidDir; }

    /** The handshake's "context" object, as JSON text. */
    public String toJSONString() { return json; }
}
