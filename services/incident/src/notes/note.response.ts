import { ApiProperty } from '@nestjs/swagger';
import { NOTE_KINDS, type NoteKind } from './domain/note-rules';
import type { NoteView } from './notes.controller';

export class NoteResponse implements NoteView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    enum: NOTE_KINDS,
    description: 'Work notes are internal; comments the caller sees',
  })
  kind!: NoteKind;

  @ApiProperty({ example: 'Restarted the checkout pods; watching the error rate' })
  body!: string;

  @ApiProperty({ description: 'The user who wrote it, or the system that did' })
  author!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

export class NoteListResponse {
  @ApiProperty({ type: [NoteResponse], description: 'Oldest first' })
  items!: NoteResponse[];
}
