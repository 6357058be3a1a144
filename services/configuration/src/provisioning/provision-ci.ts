import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { ciCreated, ciProvisioningAnswered, type EventData } from '@itsm/contracts';
import { Outbox } from '@itsm/messaging';
import type { EntityManager } from 'typeorm';
import { ClassesService } from '../classes/classes.service';
import { CisService } from '../cis/cis.service';
import { ConfigurationItem } from '../cis/configuration-item.entity';
import { ciEvents } from '../cis/domain/ci-events';
import { newCi } from '../cis/domain/ci';
import { MANUAL_SOURCE } from '../imports/data-source.entity';
import { refusalReason } from './domain/refusal-reason';

export const PROVISIONING_ACTOR = 'system:catalog-provisioning';

export interface CiRequest {
  requestedItemId: string;
  requestId: string;
  className: string;
  name: string;
  attributes: Record<string, unknown>;
}

/**
 * Flow 7: creates the CI a fulfilled requested item asks for, checked as a CI created through the
 * API is (its class, its attributes against the class's schema, its identifiers), and answers with
 * the CI or with the refusal naming each wrong field. The CI is written in a savepoint, so that a
 * refusal leaves nothing behind but the answer.
 */
@Injectable()
export class ProvisionCi {
  private readonly logger = new Logger(ProvisionCi.name);

  constructor(
    private readonly classes: ClassesService,
    private readonly cis: CisService,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(manager: EntityManager, request: CiRequest, now: Date): Promise<void> {
    const answer = { requestedItemId: request.requestedItemId, requestId: request.requestId };
    let data: EventData<typeof ciProvisioningAnswered>;
    try {
      const ci = await manager.transaction((inner) => this.create(inner, request));
      data = {
        ...answer,
        outcome: 'created',
        ciId: ci.id,
        ciName: ci.name,
        className: request.className,
        answeredAt: now.toISOString(),
      };
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      const reason = refusalReason(error.getResponse(), error.message);
      this.logger.warn(
        `CI ${request.name} refused for requested item ${request.requestedItemId}: ${reason}`,
      );
      data = {
        ...answer,
        outcome: 'refused',
        ciName: request.name,
        className: request.className,
        reason,
        answeredAt: now.toISOString(),
      };
    }
    await this.outbox.publish(manager, ciProvisioningAnswered, {
      aggregateId: request.requestId,
      data,
    });
  }

  private async create(manager: EntityManager, request: CiRequest): Promise<ConfigurationItem> {
    const hierarchy = await this.classes.hierarchy(manager);
    const ciClass = this.classes.classNamed(hierarchy, request.className);
    const ci = manager.create(
      ConfigurationItem,
      newCi(
        { name: request.name, attributes: request.attributes },
        {
          classId: ciClass.id,
          identityClassId: hierarchy.identityScopeOf(ciClass.id).id,
          createdBy: PROVISIONING_ACTOR,
        },
      ),
    );
    await this.cis.assertValid(manager, hierarchy, ciClass, ci);
    ci.fieldSources = Object.fromEntries(
      ['name', ...Object.keys(request.attributes).map((a) => `attributes.${a}`)].map((field) => [
        field,
        MANUAL_SOURCE,
      ]),
    );
    const saved = await manager.save(ci);
    await this.outbox.publish(manager, ciCreated, {
      aggregateId: saved.id,
      data: ciEvents.created(saved, ciClass.name),
    });
    return saved;
  }
}
