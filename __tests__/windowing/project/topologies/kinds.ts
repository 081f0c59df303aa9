// Every window kind side by side on the engine, fed by one spout at 200 tuples a second.
import { topology } from 'storm-ts';
import {
  CountLengthTimeSlide,
  CountSliding,
  CountTumbling,
  EventCountTumbling,
  EventTimeSliding,
  NumberSpout,
  Sink,
  TimeLengthCountSlide,
  TimeSliding,
  TimeTumbling,
} from '../src/components.js';

export default topology('kinds', { 'topology.message.timeout.secs': 10, 'test.rate': 200 })
  .spout('numbers', NumberSpout)
  .bolt('count-sliding', CountSliding).global('numbers')
  .bolt('count-tumbling', CountTumbling).global('numbers')
  .bolt('time-sliding', TimeSliding).global('numbers')
  .bolt('time-tumbling', TimeTumbling).global('numbers')
  .bolt('count-length-time-slide', CountLengthTimeSlide).global('numbers')
  .bolt('time-length-count-slide', TimeLengthCountSlide).global('numbers')
  .bolt('event-time-sliding', EventTimeSliding).global('numbers')
  .bolt('event-count-tumbling', EventCountTumbling).global('numbers')
  .bolt('sink', Sink)
  .shuffle('count-sliding').shuffle('count-tumbling').shuffle('time-sliding').shuffle('time-tumbling')
  .shuffle('count-length-time-slide').shuffle('time-length-count-slide').shuffle('event-time-sliding').shuffle('event-count-tumbling');
