import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '@itsm/auth';
import { schemaValidator, validationProblem } from '@itsm/http';
import { DataSource } from 'typeorm';
import { READERS, WRITERS } from '../access';
import { DataSourceRank } from './data-source.entity';
import { ImportRequestSchema } from './import.schema';
import { RunImport } from './run-import';

class DataSourceRequest {
  @ApiProperty({ description: 'Higher wins a field over lower' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  rank!: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) description?: string;
}

class DataSourceName {
  @Matches(/^[a-z][a-z0-9_-]{0,62}$/, {
    message: 'name must be lower case letters, digits, - and _',
  })
  name!: string;
}

const validateImport = schemaValidator(ImportRequestSchema);

@ApiTags('imports')
@Controller('api/v1')
export class ImportsController {
  constructor(
    private readonly runImport: RunImport,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Discovery tools and spreadsheets: identify, reconcile, relate. `dryRun` reports exactly what would
   * happen and changes nothing. The same batch twice changes nothing the second time.
   */
  @Post('imports')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Import a batch of records from a data source (or preview it with dryRun)',
  })
  @ApiBody({ schema: ImportRequestSchema as object })
  run(@Body() body: unknown) {
    return this.runImport.execute(validateImport(body));
  }

  @Get('data-sources')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Data sources, ranked by authority' })
  async sources() {
    return {
      items: await this.dataSource.manager.find(DataSourceRank, { order: { rank: 'DESC' } }),
    };
  }

  @Put('data-sources/:name')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Add a data source or change its rank' })
  async putSource(@Param() params: DataSourceName, @Body() request: DataSourceRequest) {
    if (!params.name) throw validationProblem([{ field: 'name', message: 'name is required' }]);
    const row = { name: params.name, rank: request.rank, description: request.description ?? null };
    await this.dataSource.manager.upsert(DataSourceRank, row, ['name']);
    return row;
  }
}
