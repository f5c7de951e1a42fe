import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import { DatabasesService, DatabaseView } from '../../databases/databases.service';
import { CreateDatabaseDto } from '../../databases/dto/create-database.dto';
import { UpdateDatabaseDto } from '../../databases/dto/update-database.dto';
import { Answers, AnswersList } from '../../common/openapi/answers.decorator';
import { DATABASE_SCHEMA } from '../../databases/databases.service';

/** `GET,POST /api/admin/databases`, `PATCH /api/admin/databases/:id`: the catalogue, `admin` only. */
@ApiTags('admin')
@RequireScopes('admin')
@Controller('api/admin/databases')
export class AdminDatabasesController {
  constructor(private readonly databases: DatabasesService) {}

  @Get()
  @AnswersList('The databases', DATABASE_SCHEMA)
  list(): Promise<DatabaseView[]> {
    return this.databases.list();
  }

  @Post()
  @Answers(201, 'The new database', DATABASE_SCHEMA)
  create(@Body() dto: CreateDatabaseDto): Promise<DatabaseView> {
    return this.databases.add(dto);
  }

  @Patch(':id')
  @Answers(200, 'The changed database', DATABASE_SCHEMA)
  update(@Param('id') id: string, @Body() dto: UpdateDatabaseDto): Promise<DatabaseView> {
    return this.databases.update(id, dto);
  }
}
