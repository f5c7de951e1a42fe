import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import { DatabasesService, DatabaseView } from '../../databases/databases.service';
import { CreateDatabaseDto } from '../../databases/dto/create-database.dto';
import { UpdateDatabaseDto } from '../../databases/dto/update-database.dto';

/** `GET,POST /api/admin/databases`, `PATCH /api/admin/databases/:id`: the catalogue, `admin` only. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireScopes('admin')
@Controller('api/admin/databases')
export class AdminDatabasesController {
  constructor(private readonly databases: DatabasesService) {}

  @Get()
  list(): Promise<DatabaseView[]> {
    return this.databases.list();
  }

  @Post()
  create(@Body() dto: CreateDatabaseDto): Promise<DatabaseView> {
    return this.databases.add(dto);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateDatabaseDto): Promise<DatabaseView> {
    return this.databases.update(id, dto);
  }
}
