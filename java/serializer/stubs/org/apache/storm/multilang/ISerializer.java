// Stub (compile-time only, never shipped): the declaration of Storm's multilang serializer contract. On a worker
// the real interface from Storm's own jar is the one that loads.
package org.apache.storm.multilang;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.storm.task.TopologyContext;

public interface ISerializer extends Serializable {
    void initialize(OutputStream processIn, InputStream processOut);

    Number connect(Map<String, Object> conf, TopologyContext context) throws IOException, NoOutputException;

    ShellMsg readShellMsg() throws IOException, NoOutputException;

    void writeBoltMsg(BoltMsg msg) throws IOException;

    void writeSpoutMsg(SpoutMsg msg) throws IOException;

    void writeTaskIds(List<Integer> taskIds) throws IOException;
}
