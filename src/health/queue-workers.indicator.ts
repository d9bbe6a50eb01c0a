import { WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';

const CONNECTION_TIMEOUT_MS = 2000;

/**
 * Up when every BullMQ worker of this process is running (not closed or closing) and its Redis
 * connection is ready: what the worker container's health check asks. A worker that stopped
 * taking jobs turns it down, even while Redis itself answers.
 */
@Injectable()
export class QueueWorkersIndicator {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key = 'queues') {
    const indicator = this.indicators.check(key);
    const hosts = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost);
    if (hosts.length === 0) return indicator.down({ message: 'no queue workers in this process' });
    const failing: string[] = [];
    for (const host of hosts) {
      if (!(await this.isWorking(host))) failing.push(host.constructor.name);
    }
    return failing.length === 0 ? indicator.up({ workers: hosts.length }) : indicator.down({ workers: hosts.length, failing });
  }

  private async isWorking(host: WorkerHost): Promise<boolean> {
    try {
      const { worker } = host;
      if (!worker.isRunning() || worker.closing) return false;
      const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), CONNECTION_TIMEOUT_MS).unref());
      const client = await Promise.race([worker.getBackend().client, timeout]);
      return client?.status === 'ready';
    } catch {
      return false;
    }
  }
}
