/**
 * The raw baseline of `npm run bench:incident`: a minimal Fastify handler that turns the same request
 * into one INSERT into the same incidents table, nothing else (no auth, audit, outbox, SLA). It runs
 * as a process of its own, like the service, so that both are measured the same way.
 */
import Fastify from 'fastify';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify();

app.post('/incidents', async (request, reply) => {
  const body = request.body as { shortDescription: string; impact: number; urgency: number };
  const { rows } = await pool.query(
    `INSERT INTO incidents (short_description, state, impact, urgency, priority, channel, caller_id, opened_by)
     VALUES ($1, 'new', $2, $3, 3, 'service_desk', 'raw', 'raw') RETURNING id, number`,
    [body.shortDescription, body.impact, body.urgency],
  );
  return reply.status(201).send(rows[0]);
});

void app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => {
  process.stdout.write('ready\n');
});
