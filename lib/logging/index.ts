export { ComponentLogger, type ComponentLoggerOptions } from './component-logger.js';
export { LogFile, type LogFileOptions } from './log-file.js';
export { logFileName, parseLogName, type LogNameParts, type ParsedLogName } from './log-name.js';
export { LOG_CONF_KEYS, LogSettingsError, levelEnabled, logSettings, parseLevel, type LogSettings } from './settings.js';
