// Test driver: loads a multilang serializer by class name as Storm's ShellProcess does, handshakes, then reads
// every component frame from stdin and prints what ShellMsg it built (values with their Java types), one line
// each. Then it writes a bolt tuple, two spout commands and a task-id list. Everything the serializer wrote to the
// "process" goes to the file named by the second argument.
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.storm.multilang.BoltMsg;
import org.apache.storm.multilang.ISerializer;
import org.apache.storm.multilang.NoOutputException;
import org.apache.storm.multilang.ShellMsg;
import org.apache.storm.multilang.SpoutMsg;
import org.apache.storm.task.TopologyContext;

public class SerializerDriver {
    public static void main(String[] args) throws Exception {
        ISerializer serializer = (ISerializer) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        ByteArrayOutputStream toProcess = new ByteArrayOutputStream();
        serializer.initialize(toProcess, System.in);

        Map<String, Object> conf = new HashMap<String, Object>();
        conf.put("topology.name", "streams");
        conf.put("topology.workers", Integer.valueOf(2));
        conf.put("topology.message.timeout.secs", Long.valueOf(30));
        conf.put("ratio", Double.valueOf(0.25));
        conf.put("topology.debug", Boolean.FALSE);
        conf.put("nothing", null);
        conf.put("quoted", "say \"hi\"\\n\ttab é ✓");
        conf.put("list", new ArrayList<Object>(Arrays.asList("a", Integer.valueOf(1))));
        Map<String, Object> nested = new HashMap<String, Object>();
        nested.put("k", Long.valueOf(1L << 40));
        conf.put("nested", nested);
        TopologyContext context = new TopologyContext("/tmp/pids", "{\"taskid\":3,\"componentid\":\"classify\",\"task->component\":{\"3\":\"classify\"}}");

        Number pid = serializer.connect(conf, context);
        System.out.println("pid " + show(pid));

        for (;;) {
            try {
                System.out.println(describe(serializer.readShellMsg()));
            } catch (NoOutputException end) {
                System.out.println("no output: " + end.getMessage().trim());
                break;
            } catch (IOException bad) {
                System.out.println("io error: " + bad.getMessage());
            }
        }

        BoltMsg tuple = new BoltMsg();
        tuple.setId("-6955786537413359385");
        tuple.setComp("split");
        tuple.setStream("words");
        tuple.setTask(4);
        tuple.setTuple(new ArrayList<Object>(Arrays.asList("héllo", Integer.valueOf(7), Long.valueOf(1L << 40), Double.valueOf(1.5), null, Boolean.TRUE, nested)));
        serializer.writeBoltMsg(tuple);
        SpoutMsg next = new SpoutMsg();
        next.setCommand("next");
        serializer.writeSpoutMsg(next);
        SpoutMsg ack = new SpoutMsg();
        ack.setCommand("ack");
        ack.setId(Long.valueOf(12));
        serializer.writeSpoutMsg(ack);
        serializer.writeTaskIds(Arrays.asList(Integer.valueOf(1), Integer.valueOf(5), Integer.valueOf(9)));

        FileOutputStream out = new FileOutputStream(args[1]);
        out.write(toProcess.toByteArray());
        out.close();
    }

    private static String describe(ShellMsg msg) {
        return "command=" + msg.getCommand()
            + " id=" + show(msg.getId())
            + " stream=" + msg.getStream()
            + " task=" + msg.getTask()
            + " need_task_ids=" + msg.areTaskIdsNeeded()
            + " anchors=" + msg.getAnchors()
            + " tuple=" + show(msg.getTuple())
            + " msg=" + show(msg.getMsg())
            + " metric=" + msg.getMetricName()
            + " params=" + show(msg.getMetricParams())
            + " level=" + msg.getLogLevel();
    }

    /** A value with the Java type of every leaf, e.g. [a:String, 1:Integer]. */
    private static String show(Object value) {
        if (value == null) return "null";
        if (value instanceof List) {
            List<String> items = new ArrayList<String>();
            for (Object item : (List<?>) value) items.add(show(item));
            return items.toString();
        }
        if (value instanceof Map) {
            Map<String, String> sorted = new TreeMap<String, String>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) sorted.put(String.valueOf(entry.getKey()), show(entry.getValue()));
            return sorted.toString();
        }
        return value + ":" + value.getClass().getSimpleName();
    }
}
