// Stub (compile-time only, never shipped): Storm's command-to-spout bean.
package org.apache.storm.multilang;

public class SpoutMsg {
    private String command;
    private Object id;

    public String getCommand() { return command; }
    public void setCommand(String command) { this.command = command; }
    public Object getId() { return id; }
    public void setId(Object id) { this.id = id; }
}
