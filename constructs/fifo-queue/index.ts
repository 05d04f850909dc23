export * from './fifo-queue';
