import { DynamicModule, Global, Module } from '@nestjs/common';
import { TESSERA_CONFIG, TesseraConfig } from './tessera-config';

/** Provides the validated configuration to every module as `@Inject(TESSERA_CONFIG)`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: TesseraConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: TESSERA_CONFIG, useValue: config }], exports: [TESSERA_CONFIG] };
  }
}
