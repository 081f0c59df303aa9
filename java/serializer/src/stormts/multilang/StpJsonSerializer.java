// Storm's multilang JSON protocol as the default org.apache.storm.multilang.JsonSerializer speaks it, except that
// an emit's "task" and a log's "level" are read as any JSON number. The default casts "task" to Long while its
// parser returns Integer for small numbers, so every direct emit from a multilang component kills the worker
// (Storm 2.x up to at least 2.8.8), and Storm 2.6 ignores numeric log levels for the same reason. stp sets
// topology.multilang.serializer to this class and ships it in every topology jar. Java 8 bytecode.
package stormts.multilang;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.storm.multilang.BoltMsg;
import org.apache.storm.multilang.ISerializer;
import org.apache.storm.multilang.NoOutputException;
import org.apache.storm.multilang.ShellMsg;
import org.apache.storm.multilang.SpoutMsg;
import org.apache.storm.task.TopologyContext;

public class StpJsonSerializer implements ISerializer {
    private static final long serialVersionUID = 1L;
    private static final String DEFAULT_STREAM = "default";

    private transient BufferedWriter processIn;
    private transient BufferedReader processOut;

    @Override
    public void initialize(OutputStream processIn, InputStream processOut) {
        this.processIn = new BufferedWriter(new OutputStreamWriter(processIn, StandardCharsets.UTF_8));
        this.processOut = new BufferedReader(new InputStreamReader(processOut, StandardCharsets.UTF_8));
    }

    @Override
    public Number connect(Map<String, Object> conf, TopologyContext context) throws IOException, NoOutputException {
        StringBuilder setup = new StringBuilder("{\"pidDir\":");
        Json.write(context.getPIDDir(), setup);
        setup.append(",\"conf\":");
        Json.write(conf, setup);
        setup.append(",\"context\":").append(context.toJSONString()).append('}');
        writeString(setup.toString());

        Object answer = readMessage();
        Object pid = answer instanceof Map ? ((Map<?, ?>) answer).get("pid") : null;
        if (!(pid instanceof Number)) throw new IOException("the subprocess answered the handshake without a numeric \"pid\": " + Json.toJson(answer));
        return (Number) pid;
    }

    @Override
    public void writeBoltMsg(BoltMsg msg) throws IOException {
        StringBuilder out = new StringBuilder("{\"id\":");
        Json.write(msg.getId(), out);
        out.append(",\"comp\":");
        Json.write(msg.getComp(), out);
        out.append(",\"stream\":");
        Json.write(msg.getStream(), out);
        out.append(",\"task\":").append(msg.getTask());
        out.append(",\"tuple\":");
        Json.write(msg.getTuple(), out);
        writeString(out.append('}').toString());
    }

    @Override
    public void writeSpoutMsg(SpoutMsg msg) throws IOException {
        StringBuilder out = new StringBuilder("{\"command\":");
        Json.write(msg.getCommand(), out);
        out.append(",\"id\":");
        Json.write(msg.getId(), out);
        writeString(out.append('}').toString());
    }

    @Override
    public void writeTaskIds(List<Integer> taskIds) throws IOException {
        writeString(Json.toJson(taskIds));
    }

    @Override
    public ShellMsg readShellMsg() throws IOException, NoOutputException {
        Object read = readMessage();
        if (!(read instanceof Map)) throw new IOException("expected a JSON object from the subprocess, got " + Json.toJson(read));
        Map<?, ?> msg = (Map<?, ?>) read;
        ShellMsg shellMsg = new ShellMsg();

        String command = string(msg, "command");
        shellMsg.setCommand(command);
        shellMsg.setId(msg.get("id"));
        shellMsg.setMsg(string(msg, "msg"));
        String stream = string(msg, "stream");
        shellMsg.setStream(stream == null ? DEFAULT_STREAM : stream);

        Object task = msg.get("task");
        if (task != null && !(task instanceof Number)) throw field("task", "a number", task);
        shellMsg.setTask(task == null ? 0 : ((Number) task).longValue());

        // Absent means true, as in Storm's own serializer.
        Object needTaskIds = msg.get("need_task_ids");
        if (needTaskIds != null && !(needTaskIds instanceof Boolean)) throw field("need_task_ids", "true or false", needTaskIds);
        shellMsg.setNeedTaskIds(needTaskIds == null || ((Boolean) needTaskIds).booleanValue());

        Object tuple = msg.get("tuple");
        if (tuple != null && !(tuple instanceof List)) throw field("tuple", "a list", tuple);
        if (tuple != null) shellMsg.setTuple(values((List<?>) tuple));

        Object anchors = msg.get("anchors");
        if (anchors instanceof String) {
            shellMsg.addAnchor((String) anchors);
        } else if (anchors instanceof List) {
            for (Object anchor : (List<?>) anchors) {
                if (!(anchor instanceof String)) throw field("anchors", "tuple ids (strings)", anchors);
                shellMsg.addAnchor((String) anchor);
            }
        } else if (anchors != null) {
            throw field("anchors", "a list of tuple ids", anchors);
        }

        Object name = msg.get("name");
        shellMsg.setMetricName(name instanceof String ? (String) name : null);
        shellMsg.setMetricParams(msg.get("params"));

        Object level = msg.get("level");
        if ("log".equals(command) && level instanceof Number) shellMsg.setLogLevel(((Number) level).intValue());
        return shellMsg;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> values(List<?> tuple) {
        return (List<Object>) tuple; // Json builds every array as an ArrayList<Object>
    }

    private static String string(Map<?, ?> msg, String key) throws IOException {
        Object value = msg.get(key);
        if (value != null && !(value instanceof String)) throw field(key, "a string", value);
        return (String) value;
    }

    private static IOException field(String key, String expected, Object got) {
        return new IOException("multilang message field \"" + key + "\" must be " + expected + ", got " + Json.toJson(got));
    }

    private Object readMessage() throws IOException, NoOutputException {
        return Json.parse(readString());
    }

    private void writeString(String message) throws IOException {
        processIn.write(message);
        processIn.write("\nend\n");
        processIn.flush();
    }

    /** Lines up to the line "end", as Storm reads them; a closed pipe is Storm's NoOutputException. */
    private String readString() throws IOException, NoOutputException {
        StringBuilder message = new StringBuilder();
        for (;;) {
            String line = processOut.readLine();
            if (line == null) {
                throw new NoOutputException("Pipe to subprocess seems to be broken! "
                    + (message.length() == 0 ? "No output read." : "Currently read output: " + message) + "\n");
            }
            if (line.equals("end")) return message.toString();
            if (message.length() > 0) message.append('\n');
            message.append(line);
        }
    }
}
