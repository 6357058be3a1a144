import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { IncidentWriter } from '../incidents/incident-writer';

/**
 * The incidents' writer, for the changes problem events make: IncidentsModule keeps it to itself
 * (it exports use cases), so it is looked up across modules rather than injected.
 */
@Injectable()
export class IncidentWriterRef {
  constructor(private readonly modules: ModuleRef) {}

  get writer(): IncidentWriter {
    return this.modules.get(IncidentWriter, { strict: false });
  }
}
