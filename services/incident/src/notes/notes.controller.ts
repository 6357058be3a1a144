import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { OneOf, ParseIdPipe, HasText } from '@itsm/http';
import { DataSource } from 'typeorm';
import { ANYONE } from '../access';
import { partiesOf } from '../incidents/domain/incident-access';
import { notWorkingIt } from '../incidents/incident-refusals';
import { loadVisibleIncident } from '../incidents/visible-incident';
import { mayWriteNote, NOTE_KINDS, readableNoteKinds, type NoteKind } from './domain/note-rules';
import { NoteListResponse, NoteResponse } from './note.response';
import { NotesService, type NoteRow } from './notes.service';

class AddNoteRequest {
  @ApiProperty({
    enum: NOTE_KINDS,
    description: 'Work notes are internal; comments the caller sees',
  })
  @OneOf(NOTE_KINDS)
  kind!: NoteKind;

  @ApiProperty({ example: 'Restarted the checkout pods; watching the error rate' })
  @IsString()
  @HasText()
  @MaxLength(20000)
  body!: string;
}

/** Work notes (agents and managers only) and comments (everybody who may see the incident). */
@ApiTags('incidents')
@Controller('api/v1/incidents/:id/notes')
export class NotesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notes: NotesService,
  ) {}

  @Post()
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'addIncidentNote',
    summary: 'Add a work note (people working the incident) or a comment',
  })
  @ApiCreatedResponse({ type: NoteResponse, description: 'The note as stored' })
  async add(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: AddNoteRequest,
    @CurrentUser() caller: Principal,
  ) {
    const incident = await loadVisibleIncident(this.dataSource.manager, id, caller);
    if (!mayWriteNote(caller, partiesOf(incident), request.kind)) {
      throw notWorkingIt('Work notes are written by the people working the incident');
    }
    const row = await this.dataSource.transaction((manager) =>
      this.notes.add(manager, incident, { ...request, author: caller.id }),
    );
    return noteView(row);
  }

  @Get()
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'listIncidentNotes',
    summary: 'Notes, oldest first; work notes only for agents and managers',
  })
  @ApiOkResponse({ type: NoteListResponse })
  async list(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    const incident = await loadVisibleIncident(this.dataSource.manager, id, caller);
    const rows = await this.notes.list(
      this.dataSource.manager,
      incident.id,
      readableNoteKinds(caller),
    );
    return { items: rows.map(noteView) };
  }
}

export type NoteView = ReturnType<typeof noteView>;

function noteView(row: NoteRow) {
  return {
    id: row.id,
    kind: row.kind,
    body: row.body,
    author: row.author,
    createdAt: row.created_at,
  };
}
