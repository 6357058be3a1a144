import { Injectable } from '@nestjs/common';
import type { CatalogItemVersion } from './catalog-item-version.entity';
import { formValidator, type FormValidator } from './domain/variable-validation';

/** Compiled forms must not pile up without bound in a long-lived process. */
const MAX_COMPILED = 500;

/**
 * The compiled validator of each published version, kept: a version's form never changes once
 * published, and compiling its schema costs far more than running it.
 */
@Injectable()
export class FormValidators {
  private readonly compiled = new Map<string, FormValidator>();

  of(version: CatalogItemVersion): FormValidator {
    const key = `${version.itemId}:${version.version}`;
    let validator = this.compiled.get(key);
    if (!validator) {
      if (this.compiled.size >= MAX_COMPILED) this.compiled.clear();
      validator = formValidator(version.variables);
      if (version.state !== 'draft') this.compiled.set(key, validator);
    }
    return validator;
  }
}
