import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itsm/auth';
import { ApiProblem, problem } from '@itsm/http';
import { READERS, WRITERS } from '../access';
import { CreateClassRequest, UpdateClassRequest } from './class.dto';
import { ClassListResponse, ClassResponse } from './class.response';
import { classView, ClassesService } from './classes.service';

const NEW_CLASS = { name: '$response.body#/name' };

@ApiTags('classes')
@Controller('api/v1/classes')
export class ClassesController {
  constructor(private readonly classes: ClassesService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'listClasses',
    summary: 'Every CI class, with inherited attributes and identification rules',
  })
  @ApiOkResponse({ description: 'Every class', type: ClassListResponse })
  async list() {
    const hierarchy = await this.classes.hierarchy();
    return {
      items: [...hierarchy.names()].map((name) => classView(hierarchy, hierarchy.named(name)!)),
    };
  }

  @Get(':name')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getClass', summary: 'A class, with its inherited attributes' })
  @ApiOkResponse({ description: 'The class', type: ClassResponse })
  async get(@Param('name') name: string) {
    const hierarchy = await this.classes.hierarchy();
    const found = hierarchy.named(name);
    if (!found) throw problem(404, 'not-found', 'Class not found', `No class ${name}`);
    return classView(hierarchy, found);
  }

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'createClass',
    summary: 'Create a class, optionally below a parent whose attributes it inherits',
  })
  @ApiCreatedResponse({
    description: 'The class, created',
    type: ClassResponse,
    links: {
      GetClass: { operationId: 'getClass', parameters: NEW_CLASS },
      UpdateClass: { operationId: 'updateClass', parameters: NEW_CLASS },
    },
  })
  @ApiProblem(409, 'A class of that name exists')
  create(@Body() request: CreateClassRequest) {
    return this.classes.create(request);
  }

  @Patch(':name')
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'updateClass',
    summary: 'Relabel a class, add optional attributes, or change its identification rules',
  })
  @ApiOkResponse({ description: 'The class as changed', type: ClassResponse })
  update(@Param('name') name: string, @Body() request: UpdateClassRequest) {
    return this.classes.update(name, request);
  }
}
