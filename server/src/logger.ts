import { pino } from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; secrets are redacted wherever they might appear. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'secret', '*.secret', 'req.headers.cookie', 'headers.cookie'],
      censor: '[redacted]',
    },
  };
  // A destination only in tests that read the log lines back.
  return destination ? pino(options, destination) : pino(options);
}
