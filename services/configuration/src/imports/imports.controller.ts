import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '@itsm/auth';
import { schemaValidator, validationProblem } from '@itsm/http';
import { DataSource } from 'typeorm';
import { READERS, WRITERS } from '../access';
import { DataSourceRank } from './data-source.entity';
import { ImportRequestSchema } from './import.schema';
import { DataSourceListResponse, DataSourceResponse, ImportResponse } from './import.response';
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
  @ApiProperty({ example: 'discovery', description: 'The data source, lower case' })
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
    operationId: 'runImport',
    summary: 'Import a batch of records from a data source (or preview it with dryRun)',
  })
  @ApiOkResponse({ description: 'What the import did, or would do', type: ImportResponse })
  @ApiBody({ schema: ImportRequestSchema as object })
  run(@Body() body: unknown) {
    return this.runImport.execute(validateImport(body));
  }

  @Get('data-sources')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listDataSources', summary: 'Data sources, ranked by authority' })
  @ApiOkResponse({ description: 'Every data source', type: DataSourceListResponse })
  async sources() {
    return {
      items: await this.dataSource.manager.find(DataSourceRank, { order: { rank: 'DESC' } }),
    };
  }

  @Put('data-sources/:name')
  @Roles(...WRITERS)
  @ApiOperation({ operationId: 'putDataSource', summary: 'Add a data source or change its rank' })
  @ApiOkResponse({ description: 'The data source, as stored', type: DataSourceResponse })
  async putSource(@Param() params: DataSourceName, @Body() request: DataSourceRequest) {
    if (!params.name) throw validationProblem([{ field: 'name', message: 'name is required' }]);
    const row = { name: params.name, rank: request.rank, description: request.description ?? null };
    await this.dataSource.manager.upsert(DataSourceRank, row, ['name']);
    return row;
  }
}
