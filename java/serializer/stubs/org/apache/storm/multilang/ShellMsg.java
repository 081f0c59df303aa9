// Stub (compile-time only, never shipped): Storm's message-from-component bean, with the setters the serializer
// calls (same names and signatures as Storm 2.x) and getters the test driver reads.
package org.apache.storm.multilang;

import java.util.ArrayList;
import java.util.List;

public class ShellMsg {
    private String command;
    private Object id;
    private List<String> anchors;
    private String stream;
    private long task;
    private String msg;
    private List<Object> tuple;
    private boolean needTaskIds;
    private String metricName;
    private Object metricParams;
    private ShellLogLevel logLevel = ShellLogLevel.INFO;

    public String getCommand() { return command; }
    public void setCommand(String command) { this.command = command; }
    public Object getId() { return id; }
    public void setId(Object id) { this.id = id; }
    public List<String> getAnchors() { return anchors; }
    public void addAnchor(String anchor) {
        if (anchors == null) anchors = new ArrayList<String>();
        anchors.add(anchor);
    }
    public String getStream() { return stream; }
    public void setStream(String stream) { this.stream = stream; }
    public long getTask() { return task; }
    public void setTask(long task) { this.task = task; }
    public String getMsg() { return msg; }
    public void setMsg(String msg) { this.msg = msg; }
    public List<Object> getTuple() { return tuple; }
    public void setTuple(List<Object> tuple) { this.tuple = tuple; }
    public boolean areTaskIdsNeeded() { return needTaskIds; }
    public void setNeedTaskIds(boolean needTaskIds) { this.needTaskIds = needTaskIds; }
    public String getMetricName() { return metricName; }
    public void setMetricName(String metricName) { this.metricName = metricName; }
    public Object getMetricParams() { return metricParams; }
    public void setMetricParams(Object metricParams) { this.metricParams = metricParams; }
    public ShellLogLevel getLogLevel() { return logLevel; }
    public void setLogLevel(int logLevel) { this.logLevel = ShellLogLevel.fromInt(logLevel); }

    public enum ShellLogLevel {
        TRACE, DEBUG, INFO, WARN, ERROR;

        public static ShellLogLevel fromInt(int i) {
            switch (i) {
                case 0: return TRACE;
                case 1: return DEBUG;
                case 3: return WARN;
                case 4: return ERROR;
                default: return INFO;
            }
        }
    }
}
