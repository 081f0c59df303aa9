export { ComponentLogger, type ComponentLoggerOptions } from './component-logger.js';
export { LogFile, logFileName, type LogFileOptions } from './log-file.js';
export { LOG_CONF_KEYS, LogSettingsError, levelEnabled, logSettings, parseLevel, type LogSettings } from './settings.js';
