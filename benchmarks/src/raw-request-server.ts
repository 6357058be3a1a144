/**
 * The raw baseline of `npm run bench:catalog`: a minimal Fastify handler that turns a submission
 * into one INSERT into the same requests table, nothing else (no auth, form validation, items,
 * approvals, tasks, audit or outbox). Its own process, like the service, so both are measured alike.
 */
import Fastify from 'fastify';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ bodyLimit: 1024 * 1024 });

app.post('/requests', async (_request, reply) => {
  const { rows } = await pool.query(
    `INSERT INTO requests (state, requested_by, requested_for) VALUES ('requested', 'raw', 'raw')
     RETURNING id, number`,
  );
  return reply.status(201).send(rows[0]);
});

void app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => {
  process.stdout.write('ready\n');
});
