import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itsm/auth';
import { problem } from '@itsm/http';
import { READERS, WRITERS } from '../access';
import { CreateClassRequest, UpdateClassRequest } from './class.dto';
import { classView, ClassesService } from './classes.service';

@ApiTags('classes')
@Controller('api/v1/classes')
export class ClassesController {
  constructor(private readonly classes: ClassesService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Every CI class, with inherited attributes and identification rules' })
  async list() {
    const hierarchy = await this.classes.hierarchy();
    return {
      items: [...hierarchy.names()].map((name) => classView(hierarchy, hierarchy.named(name)!)),
    };
  }

  @Get(':name')
  @Roles(...READERS)
  async get(@Param('name') name: string) {
    const hierarchy = await this.classes.hierarchy();
    const found = hierarchy.named(name);
    if (!found) throw problem(404, 'not-found', 'Class not found', `No class ${name}`);
    return classView(hierarchy, found);
  }

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Create a class, optionally below a parent whose attributes it inherits',
  })
  create(@Body() request: CreateClassRequest) {
    return this.classes.create(request);
  }

  @Patch(':name')
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Relabel a class, add optional attributes, or change its identification rules',
  })
  update(@Param('name') name: string, @Body() request: UpdateClassRequest) {
    return this.classes.update(name, request);
  }
}
