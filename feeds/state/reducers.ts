import { environmentReducer } from '../environment/environment-reducer.js';
import { incidentsReducer } from '../incidents/incidents-reducer.js';
import { portalReducer } from '../portal/portal-reducer.js';
import { socReducer } from '../soc/soc-reducer.js';
import { trafficReducer } from '../traffic/traffic-reducer.js';

/** The reducer of every logged feed: the hub folds with them and so does the console. */
export const REDUCERS = {
  traffic: trafficReducer,
  environment: environmentReducer,
  soc: socReducer,
  portal: portalReducer,
  incidents: incidentsReducer,
} as const;
