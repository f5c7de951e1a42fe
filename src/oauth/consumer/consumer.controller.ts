import { Body, Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../auth/decorators/public.decorator';
import { RateLimit } from '../../limits/rate-limit.decorator';
import { ConsumerLoginDto, ConsumerRegisterDto } from './consumer.dto';
import { ConsumerService } from './consumer.service';
import { Answers } from '../../common/openapi/answers.decorator';
import { CONSUMER_TOKEN_SCHEMA, REGISTERED_CONSUMER_SCHEMA } from './consumer.service';

/** Fusio-compatible developer-portal endpoints: `/consumer/login` and `/consumer/register`. */
@ApiTags('consumer')
@RateLimit('login')
@Public()
@Controller('consumer')
export class ConsumerController {
  constructor(private readonly consumer: ConsumerService) {}

  @Post('login')
  @HttpCode(200)
  @Answers(200, 'A token pair for the person', CONSUMER_TOKEN_SCHEMA)
  @Header('Cache-Control', 'no-store')
  login(@Body() dto: ConsumerLoginDto, @Req() request: FastifyRequest) {
    return this.consumer.login(dto, request.ip);
  }

  @Post('register')
  @Answers(201, 'The registered person, with the default role', REGISTERED_CONSUMER_SCHEMA)
  register(@Body() dto: ConsumerRegisterDto) {
    return this.consumer.register(dto);
  }
}
