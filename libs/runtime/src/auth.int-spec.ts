import { Controller, Delete, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { canReadWorkNotes, CurrentUser, Roles, visibleOr404, type Principal } from '@itsm/auth';
import { Public } from '@itsm/http';
import {
  accessMatrixViolations,
  bearer,
  routesMissingFromMatrix,
  startServiceUnderTest,
  startTestIssuer,
  unsignedToken,
  type EndpointAccess,
  type ServiceUnderTest,
  type TestIssuer,
} from '@itsm/testing';
import { defineService } from './service-definition';

interface Note {
  id: string;
  openedBy: string;
  assignmentGroup: string;
  description: string;
  workNotes: string[];
}

/** A tiny practice with record-level rules, to test the guard and the access helpers end to end. */
@Controller('api/v1/notes')
class NotesController {
  private readonly notes = new Map<string, Note>([
    ['n-alice', note('n-alice', 'alice')],
    ['n-bob', note('n-bob', 'bob')],
  ]);

  @Roles('requester')
  @Get(':id')
  read(@CurrentUser() caller: Principal, @Param('id') id: string): Partial<Note> {
    const found = visibleOr404(caller, 'incident', 'note', id, this.notes.get(id), (n) => ({
      requesters: [n.openedBy],
      assignmentGroup: n.assignmentGroup,
    }));
    if (canReadWorkNotes(caller, 'incident')) return found;
    return { ...found, workNotes: undefined };
  }

  @Roles('agent')
  @Post(':id/work-notes')
  @HttpCode(204)
  addWorkNote(): void {}

  @Roles('incident_manager')
  @Delete(':id')
  @HttpCode(204)
  remove(): void {}

  /** Declares no roles: refused to everybody, admin included. */
  @Get()
  list(): Note[] {
    return [...this.notes.values()];
  }
}

function note(id: string, openedBy: string): Note {
  return {
    id,
    openedBy,
    assignmentGroup: 'service-desk',
    description: 'printer on fire',
    workNotes: ['internal: vendor ticket 42'],
  };
}

/** Public as a whole, yet one route names a role: that route still needs a token and the role. */
@Public()
@Controller('api/v1/status')
class StatusController {
  @ApiExcludeEndpoint()
  @Get()
  status(): { status: string } {
    return { status: 'ok' };
  }

  @Roles('admin')
  @Delete()
  @HttpCode(204)
  reset(): void {}
}

@Module({ controllers: [NotesController, StatusController] })
class NotesModule {}

const definition = defineService({
  practice: 'incident',
  title: 'Auth test service',
  description: 'Endpoints with roles and record-level rules',
  version: '1.0.0',
  modules: [NotesModule],
  entities: [],
  migrations: [],
});

describe('authentication and authorization, with the local OpenID Connect provider', () => {
  let service: ServiceUnderTest;
  const send = (request: {
    method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';
    url: string;
    headers?: Record<string, string>;
  }) => service.send({ headers: {}, ...request });

  beforeAll(async () => {
    service = await startServiceUnderTest(definition);
  });

  afterAll(() => service.close());

  const matrix: EndpointAccess[] = [
    { method: 'GET', url: '/api/v1/notes/n-alice', allow: ['requester'] },
    { method: 'POST', url: '/api/v1/notes/n-alice/work-notes', allow: ['agent'] },
    { method: 'DELETE', url: '/api/v1/notes/n-alice', allow: ['incident_manager'] },
    { method: 'GET', url: '/api/v1/notes', allow: [] },
    { method: 'DELETE', url: '/api/v1/status', allow: ['admin'] },
  ];

  it('keeps every endpoint to its roles, for every seeded person and integration', async () => {
    // Record rules come on top: a requester allowed to read notes gets 404 for somebody else's.
    expect(await accessMatrixViolations(send, matrix)).toEqual([]);
  });

  it('leaves no documented endpoint out of the matrix', async () => {
    const document = (await send({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(routesMissingFromMatrix(document, matrix)).toEqual([]);
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
  });

  it('serves health, metrics, the OpenAPI document and @Public() routes without a token', async () => {
    for (const url of ['/health/live', '/metrics', '/api/v1/openapi.json', '/api/v1/status']) {
      expect((await send({ method: 'GET', url })).statusCode).toBe(200);
    }
  });

  it("answers a requester asking for another requester's record exactly as for a missing one", async () => {
    const other = await send({
      method: 'GET',
      url: '/api/v1/notes/n-alice',
      headers: await bearer('bob'),
    });
    const missing = await send({
      method: 'GET',
      url: '/api/v1/notes/n-none',
      headers: await bearer('bob'),
    });
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect({ ...other.json(), instance: undefined, detail: undefined }).toEqual({
      ...missing.json(),
      instance: undefined,
      detail: undefined,
    });
  });

  it('shows a requester their own record without work notes, and an agent of the group with them', async () => {
    const own = await send({
      method: 'GET',
      url: '/api/v1/notes/n-alice',
      headers: await bearer('alice'),
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).not.toHaveProperty('workNotes');
    const agent = await send({
      method: 'GET',
      url: '/api/v1/notes/n-alice',
      headers: await bearer('sam'),
    });
    expect(agent.json().workNotes).toEqual(['internal: vendor ticket 42']);
    const otherGroup = await send({
      method: 'GET',
      url: '/api/v1/notes/n-alice',
      headers: await bearer('nina'),
    });
    expect(otherGroup.statusCode).toBe(404);
  });

  it('refuses a valid token without the role with 403 naming the roles required', async () => {
    const response = await send({
      method: 'DELETE',
      url: '/api/v1/notes/n-alice',
      headers: await bearer('sam'),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      status: 403,
      requiredRoles: ['incident_manager'],
      yourRoles: expect.arrayContaining(['agent', 'requester']),
    });
  });
});

describe('bad tokens, against an issuer whose keys the test controls', () => {
  let issuer: TestIssuer;
  let service: ServiceUnderTest;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    issuer = await startTestIssuer();
    service = await startServiceUnderTest(definition, {
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: issuer.audience,
      AUTH_JWKS_URL: issuer.jwksUrl,
    });
  });

  afterAll(async () => {
    await service.close();
    await issuer.close();
  });

  const read = (authorization?: string) =>
    service.send({
      method: 'GET',
      url: '/api/v1/notes/n-alice',
      headers: authorization ? { authorization } : {},
    });

  it.each([
    ['expired', () => issuer.sign({ sub: 'alice' }, { expiresIn: now() - 120 }), /expired/],
    [
      'from another issuer',
      () => issuer.sign({ sub: 'alice', iss: 'https://evil.example' }),
      /"iss"/,
    ],
    ['for another audience', () => issuer.sign({ sub: 'alice', aud: 'urn:other' }), /"aud"/],
    ['badly signed', () => issuer.sign({ sub: 'alice' }, { key: 'unpublished' }), /signature/],
    [
      'unsigned (alg none)',
      async () =>
        unsignedToken({ sub: 'alice', iss: issuer.issuer, aud: issuer.audience, exp: now() + 60 }),
      /algorithm|malformed/,
    ],
  ])('refuses a token %s with 401 problem+json', async (_name, token, reason) => {
    const response = await read(`Bearer ${await token()}`);
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['www-authenticate']).toMatch(
      /^Bearer realm="itsm", error="invalid_token"/,
    );
    expect(response.json()).toMatchObject({ status: 401, detail: expect.stringMatching(reason) });
  });

  it('refuses a request without a token with 401 and the bearer challenge', async () => {
    for (const authorization of [undefined, 'Basic YWxpY2U6aXRzbQ==', 'Bearer']) {
      const response = await read(authorization);
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="itsm"');
      expect(response.json()).toMatchObject({ status: 401, title: 'Authentication required' });
    }
  });

  it('accepts a valid token of the same issuer', async () => {
    const response = await read(`Bearer ${await issuer.sign({ sub: 'alice' })}`);
    expect(response.statusCode).toBe(200);
  });
});
