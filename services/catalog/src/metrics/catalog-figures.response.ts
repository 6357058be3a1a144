import { ApiProperty } from '@nestjs/swagger';
import type { CatalogFigures } from './catalog-figures.service';

const meanSeconds = (description: string) => ({
  type: 'integer' as const,
  minimum: 0,
  nullable: true,
  description,
});

export class ItemFiguresResponse {
  @ApiProperty({ format: 'uuid' }) catalogItemId!: string;
  @ApiProperty() catalogItemName!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) requestedItems!: number;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Units ordered' }) quantity!: number;
}

export class ApprovalFiguresResponse {
  @ApiProperty({ type: 'integer', minimum: 0 }) approved!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) rejected!: number;
  @ApiProperty(meanSeconds('Mean time from approval requested to decided; null: none decided'))
  meanLeadTimeSeconds!: number | null;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Waiting for a decision now' })
  waitingNow!: number;
}

export class DeliverySlaFiguresResponse {
  @ApiProperty({ type: 'integer', minimum: 0 }) achieved!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) breached!: number;
  @ApiProperty({
    type: Number,
    minimum: 0,
    maximum: 1,
    nullable: true,
    description: 'achieved / (achieved + breached); null when no clock has finished',
  })
  ratio!: number | null;
}

export class CatalogFiguresResponse implements CatalogFigures {
  @ApiProperty({ type: String, format: 'date-time' }) from!: Date;
  @ApiProperty({ type: String, format: 'date-time', description: 'Exclusive' }) to!: Date;
  @ApiProperty({ type: [ItemFiguresResponse], description: 'Most requested first' })
  requestsByItem!: ItemFiguresResponse[];

  @ApiProperty({ type: 'integer', minimum: 0 }) fulfilled!: number;
  @ApiProperty(meanSeconds('Mean time from submission to fulfilment; null: none fulfilled'))
  meanTimeToFulfilSeconds!: number | null;

  @ApiProperty({ type: ApprovalFiguresResponse, description: 'Approvals requested in the window' })
  approvals!: ApprovalFiguresResponse;

  @ApiProperty({
    type: DeliverySlaFiguresResponse,
    description: "The delivery clocks of the items opened in the window (their item's target)",
  })
  deliverySla!: DeliverySlaFiguresResponse;
}
