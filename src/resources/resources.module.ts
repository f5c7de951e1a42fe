import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AuthModule } from '../auth/auth.module';
import { ClientsModule } from '../clients/clients.module';
import { DatabasesModule } from '../databases/databases.module';
import { registerContentNegotiation } from './content-negotiation';
import { DatabaseVisibility } from './database-visibility';
import { DeltaReader } from './delta/delta.reader';
import { TombstoneSweeper } from './delta/tombstone.sweeper';
import { ODataController } from './odata.controller';
import { ODataMount } from './odata.mount';
import { QueryEngine } from './query.engine';
import { ResourceReader } from './resource.reader';
import { ResourceWriter } from './resource.writer';
import { RestController } from './rest.controller';
import { RestMount } from './rest.mount';
import { DemoDataSeeder } from './seeds/demo-data.seeder';

const ODATA_PATH = /^\/odata(\/|$|\?)/;
const RESOURCE_PATH = /^\/(odata|api\/database)(\/|$|\?)/;

/** The resource API (docs/resources.md): one query engine, a REST mount and an OData v4 mount. */
@Module({
  imports: [AuthModule, ClientsModule, DatabasesModule],
  controllers: [RestController, ODataController],
  providers: [
    QueryEngine,
    DatabaseVisibility,
    DeltaReader,
    TombstoneSweeper,
    ResourceReader,
    ResourceWriter,
    RestMount,
    ODataMount,
    DemoDataSeeder,
  ],
})
export class ResourcesModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * Every OData answer, errors from guards included, carries exactly one `OData-Version: 4.0`.
   * Every resource answer is `private, no-cache`: a person's data is never kept by a shared cache,
   * even one that ignores the rule for `Authorization` (a console session sends a cookie instead),
   * and a browser asks again each time, cheaply, with the ETag (304).
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, reply, done) => {
      if (RESOURCE_PATH.test(request.url)) {
        reply.header('Cache-Control', 'private, no-cache');
        if (ODATA_PATH.test(request.url)) reply.header('OData-Version', '4.0');
      }
      done();
    });
    registerContentNegotiation(fastify);
  }
}
